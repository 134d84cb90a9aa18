#!/usr/bin/python3
"""A real SMTP server (aiosmtpd) for tests, writing each message to a Maildir.

Usage: smtp_server.py --maildir DIR [--port N] [--cert PEM --key PEM]
                      [--implicit-tls] [--user U --password P]
Prints the port on the first line of stdout (port 0 = kernel's choice).
With --cert/--key and no --implicit-tls: STARTTLS offered and required.
With --user/--password: AUTH (PLAIN, LOGIN) required, only after TLS.
"""
import argparse
import asyncio
import mailbox
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class MaildirHandler:
    def __init__(self, path):
        self.box = mailbox.Maildir(path, create=True)

    async def handle_DATA(self, server, session, envelope):
        self.box.add(envelope.original_content or envelope.content)
        return "250 OK message accepted"


def make_authenticator(user, password):
    def authenticator(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        ok = auth_data.login.decode() == user and auth_data.password.decode() == password
        # handled=False on failure: aiosmtpd answers 535 itself.
        return AuthResult(success=ok, handled=False)
    return authenticator


async def serve(args):
    tls = None
    if args.cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)
    handler = MaildirHandler(args.maildir)
    auth = args.user is not None

    def factory():
        kwargs = dict(hostname="localhost", decode_data=False, enable_SMTPUTF8=True)
        if tls is not None and not args.implicit_tls:
            kwargs.update(tls_context=tls, require_starttls=True)
        if auth:
            kwargs.update(authenticator=make_authenticator(args.user, args.password),
                          auth_required=True, auth_require_tls=tls is not None)
        return SMTP(handler, **kwargs)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, host="127.0.0.1", port=args.port,
                                      ssl=tls if args.implicit_tls else None,
                                      reuse_address=True)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--maildir", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--implicit-tls", action="store_true")
    p.add_argument("--user")
    p.add_argument("--password")
    args = p.parse_args()
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
