#!/usr/bin/env python3
"""An SMTP server on loopback that refuses at one stage of the session, for
the delivery tests' classification of refusals (which are worth retrying and
which are not). Prints its port on the first line, then serves until killed.

    smtp_refuser.py --refuse greeting|ehlo|mail|rcpt|data [--port N]

greeting  answers the connection with "554 5.7.1 ... no SMTP service here"
ehlo      answers EHLO and HELO with 554
mail      answers MAIL FROM with 553 (sender refused)
rcpt      answers RCPT TO with 550 (no such user)
data      answers the end of the message with 554 (message refused)
"""
import argparse
import socket
import threading

REPLIES = {
    "greeting": b"554 5.7.1 mail.example.com no SMTP service here\r\n",
    "ehlo": b"554 5.7.1 go away\r\n",
    "mail": b"553 5.7.1 sender address refused\r\n",
    "rcpt": b"550 5.1.1 no such user here\r\n",
    "data": b"554 5.6.0 message content refused\r\n",
}


def session(conn, refuse):
    with conn, conn.makefile("rb") as lines:
        if refuse == "greeting":
            conn.sendall(REPLIES["greeting"])
            return
        conn.sendall(b"220 mail.example.com ESMTP\r\n")
        in_data = False
        for line in lines:
            if in_data:
                if line in (b".\r\n", b".\n"):
                    in_data = False
                    conn.sendall(REPLIES["data"] if refuse == "data" else b"250 2.0.0 queued\r\n")
                continue
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                conn.sendall(REPLIES["ehlo"] if refuse == "ehlo" else b"250 mail.example.com\r\n")
            elif verb == b"MAIL":
                conn.sendall(REPLIES["mail"] if refuse == "mail" else b"250 2.1.0 ok\r\n")
            elif verb == b"RCPT":
                conn.sendall(REPLIES["rcpt"] if refuse == "rcpt" else b"250 2.1.5 ok\r\n")
            elif verb == b"DATA":
                in_data = True
                conn.sendall(b"354 end with .\r\n")
            elif verb == b"QUIT":
                conn.sendall(b"221 2.0.0 bye\r\n")
                return
            else:
                conn.sendall(b"250 2.0.0 ok\r\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--refuse", required=True, choices=sorted(REPLIES))
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", args.port))
    server.listen(16)
    print(server.getsockname()[1], flush=True)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=session, args=(conn, args.refuse), daemon=True).start()


if __name__ == "__main__":
    main()
