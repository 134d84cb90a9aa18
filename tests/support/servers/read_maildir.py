#!/usr/bin/python3
"""Decodes every message in a Maildir with Python's email package and prints a
JSON list: subject, from/to display names and addresses, message-id, date, and
the text/plain and text/html bodies (CRLF normalised to LF), plus checks of
the raw form (CRLF only, line lengths)."""
import json
import mailbox
import sys
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses


def main():
    out = []
    box = mailbox.Maildir(sys.argv[1], create=False)
    for key in sorted(box.keys()):
        raw = box.get_bytes(key)
        msg = BytesParser(policy=policy.default).parsebytes(raw)
        item = {
            "subject": str(msg["subject"]),
            "from": [list(a) for a in getaddresses([str(msg["from"])])],
            "to": [list(a) for a in getaddresses([str(msg["to"])])],
            "message_id": str(msg["message-id"]),
            "date": str(msg["date"]),
            "content_type": msg.get_content_type(),
            "defects": [str(d) for d in msg.defects],
            "max_line": max(len(l) for l in raw.split(b"\n")),
            "raw_subject_lines": [],
        }
        for part in msg.walk():
            ctype = part.get_content_type()
            if ctype in ("text/plain", "text/html"):
                item[ctype] = part.get_content().replace("\r\n", "\n")
                item[ctype + ";charset"] = part.get_content_charset()
            item["defects"] += [str(d) for d in part.defects]
        # Raw Subject header lines (folded), to check encoded-word lengths.
        head = raw.split(b"\n\n", 1)[0].replace(b"\r\n", b"\n").split(b"\n")
        grab = False
        for line in head:
            if line.lower().startswith(b"subject:"):
                grab = True
            elif grab and not line.startswith((b" ", b"\t")):
                grab = False
            if grab:
                item["raw_subject_lines"].append(line.decode("ascii", "replace"))
        out.append(item)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
