#!/usr/bin/python3
"""A loopback HTTP receiver that plays every chat service cadence talks to.

Usage: chat_receiver.py [--secrets JSON] [--delay SECONDS] [--port N]
                        [--cert PEM --key PEM]
  JSON: {"dingtalk": "SEC…", "feishu": "…", "webhook": "whsec_…"}
--delay: every service answer waits this long (a slow service; default 0).
--port: listen on this port (default 0: chosen by the kernel), e.g. to come
back on the port of a receiver that was stopped.
--cert/--key: serve HTTPS with this certificate (e.g. a self-signed one).
Prints the port it listens on (127.0.0.1) on the first line of stdout, then
serves until killed.

Service paths (the client's api_url is http://127.0.0.1:PORT/<service>):
  /slack/services/A/B/C  /teams/workflows/…  /discord/api/webhooks/ID/TOKEN
  /dingtalk/robot/send   /wecom/cgi-bin/webhook/send  /feishu/open-apis/bot/v2/hook/T
  /telegram/botTOKEN/sendMessage  /ntfy/  /gotify/message
  /matrix/_matrix/client/v3/rooms/ROOM/send/m.room.message/TXN  /webhook/…
Each request's shape and signature are checked (DingTalk, Feishu, Standard
Webhooks and GitHub signatures recomputed from the secrets); a failed check is
answered the way the real service would.

Control:
  POST /_control/queue  [{"status": 429, "headers": {...}, "body": "...",
                          "delay": 2.5, "service": "slack"}, ...]  canned answers
                        for the next requests (of that service only, if given)
  GET  /_requests       every request seen, with "service", "ok", "problems"
  GET  /_count          {"count": requests seen}
  GET  /_compact?from=N&limit=M  requests N.. as {"service", "id" (webhook-id),
                        "body_sha256"}: small pages for long runs (clients cap answers)
  POST /_reset          forget requests and canned answers
"""
import argparse
import base64
import hashlib
import hmac
import json
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
REQUESTS = []
CANNED = []
SECRETS = {}
MATRIX_EVENTS = {}
DELAY = [0.0]


def b64hmac(key: bytes, msg: bytes) -> str:
    return base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode()


def check_dingtalk(query, body, problems):
    secret = SECRETS.get("dingtalk")
    if "access_token" not in query:
        problems.append("no access_token")
    if secret:
        ts = query.get("timestamp", [""])[0]
        sign = query.get("sign", [""])[0]  # parse_qs already URL-decoded it once
        want = b64hmac(secret.encode(), f"{ts}\n{secret}".encode())
        if not hmac.compare_digest(sign, want):
            problems.append("sign not match")
        elif abs(time.time() * 1000 - int(ts)) > 3600 * 1000 and not SECRETS.get("any_time"):
            problems.append("invalid timestamp")
    msgtype = body.get("msgtype")
    if msgtype not in ("text", "markdown") or not isinstance(body.get(msgtype), dict):
        problems.append("msgtype does not name the object sent")
    elif msgtype == "markdown" and not body["markdown"].get("title"):
        problems.append("markdown without title")
    if not body.get("msgUuid"):
        problems.append("no msgUuid")


def check_feishu(body, problems):
    secret = SECRETS.get("feishu")
    if secret:
        ts = body.get("timestamp", "")
        want = b64hmac(f"{ts}\n{secret}".encode(), b"")
        if not isinstance(ts, str) or not hmac.compare_digest(body.get("sign", ""), want):
            problems.append("sign match fail")
    if body.get("msg_type") not in ("text", "post", "interactive"):
        problems.append("bad msg_type")


def check_webhook(headers, raw, problems):
    secret = SECRETS.get("webhook")
    msg_id = headers.get("webhook-id")
    ts = headers.get("webhook-timestamp")
    if not msg_id or not ts:
        problems.append("missing webhook-id/timestamp")
        return
    if secret:
        key = base64.b64decode(secret[6:]) if secret.startswith("whsec_") else secret.encode()
        want = "v1," + b64hmac(key, f"{msg_id}.{ts}.".encode() + raw)
        got = headers.get("webhook-signature", "").split(" ")
        if not any(hmac.compare_digest(g, want) for g in got):
            problems.append("bad webhook-signature")
        gh = "sha256=" + hmac.new(key, raw, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(headers.get("x-hub-signature-256", ""), gh):
            problems.append("bad x-hub-signature-256")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the body waits for
    # the client's delayed ACK (~40 ms a request), which measured the receiver,
    # not cadence.
    disable_nagle_algorithm = True

    def log_message(self, *args):  # quiet
        pass

    def setup(self):
        if isinstance(self.request, ssl.SSLSocket):
            self.request.do_handshake()  # --cert: in this thread, not in accept()
        super().setup()

    def reply(self, status, body=b"", headers=None, content_type="application/json"):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/_requests":
            with LOCK:
                self.reply(200, list(REQUESTS))
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/_count":
            with LOCK:
                self.reply(200, {"count": len(REQUESTS)})
            return
        if url.path == "/_compact":
            query = urllib.parse.parse_qs(url.query)
            start = int(query.get("from", ["0"])[0])
            limit = int(query.get("limit", ["100"])[0])
            with LOCK:
                page = REQUESTS[start:start + limit]
            self.reply(200, [{"service": r["service"],
                              "id": r["headers"].get("webhook-id", ""),
                              "body_sha256": hashlib.sha256(r["body"].encode()).hexdigest()}
                             for r in page])
            return
        self.reply(404, {"error": "not found"})

    def do_PUT(self):
        self.do_POST()

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/_control/queue":
            with LOCK:
                CANNED.extend(json.loads(raw))
            self.reply(200, {"queued": True})
            return
        if url.path == "/_reset":
            with LOCK:
                REQUESTS.clear()
                CANNED.clear()
                MATRIX_EVENTS.clear()
            self.reply(200, {"reset": True})
            return
        service = url.path.strip("/").split("/")[0]
        query = urllib.parse.parse_qs(url.query)
        headers = {k.lower(): v for k, v in self.headers.items()}
        problems = []
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = {}
            problems.append("body is not JSON")
        if not isinstance(body, dict):
            problems.append("body is not a JSON object")
            body = {}
        answer = self.check(service, url, query, headers, body, raw, problems)
        with LOCK:
            REQUESTS.append({"service": service, "method": self.command, "path": url.path,
                             "query": url.query, "headers": headers,
                             "body": raw.decode("utf-8", "replace"),
                             "ok": not problems, "problems": problems})
            canned = None
            for i, c in enumerate(CANNED):
                # "service": "slack" makes an answer apply to that service only.
                if c.get("service") in (None, service):
                    canned = CANNED.pop(i)
                    break
        if canned is not None:
            if canned.get("delay"):
                time.sleep(canned["delay"])
            self.reply(canned.get("status", 200), canned.get("body", ""), canned.get("headers"),
                       canned.get("content_type", "application/json"))
            return
        if DELAY[0] > 0:
            time.sleep(DELAY[0])
        self.reply(*answer)

    def check(self, service, url, query, headers, body, raw, problems):
        """Returns (status, body[, headers]) as the real service would answer."""
        if service == "slack":
            if not isinstance(body.get("text"), str) or not body["text"]:
                problems.append("no text")
                return (400, "invalid_payload", None, "text/plain")
            return (200, "ok", None, "text/plain")
        if service == "teams":
            att = body.get("attachments") or [{}]
            content = att[0].get("content") or {}
            if (body.get("type") != "message" or
                    att[0].get("contentType") != "application/vnd.microsoft.card.adaptive" or
                    content.get("type") != "AdaptiveCard" or not content.get("body")):
                problems.append("not an Adaptive Card message")
                return (400, {"error": "bad card"})
            if "sig" not in query:
                problems.append("no sig")
                return (401, {"error": "unauthorized"})
            return (202, "")
        if service == "discord":
            if query.get("wait") != ["true"]:
                problems.append("wait=true missing")
            if not body.get("content") or body.get("allowed_mentions") != {"parse": []}:
                problems.append("content/allowed_mentions missing")
                return (400, {"code": 50006, "message": "Cannot send an empty message"})
            if len(body["content"]) > 2000:
                problems.append("content over 2000 characters")
                return (400, {"code": 50035, "message": "Invalid Form Body"})
            return (200, {"id": "1", "content": body["content"]})
        if service == "dingtalk":
            check_dingtalk(query, body, problems)
            if problems:
                return (200, {"errcode": 310000, "errmsg": "; ".join(problems)})
            return (200, {"errcode": 0, "errmsg": "ok"})
        if service == "wecom":
            mt = body.get("msgtype")
            if "key" not in query or mt not in ("text", "markdown") or "content" not in body.get(mt, {}):
                problems.append("bad wecom payload")
                return (200, {"errcode": 40008, "errmsg": "invalid message type"})
            if len(body[mt]["content"].encode()) > 4096:
                problems.append("content over 4096 bytes")
                return (200, {"errcode": 40058, "errmsg": "content exceed max length"})
            return (200, {"errcode": 0, "errmsg": "ok"})
        if service == "feishu":
            check_feishu(body, problems)
            if "sign match fail" in problems:
                return (200, {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"})
            if problems:
                return (400, {"code": 9499, "msg": "Bad Request"})
            return (200, {"code": 0, "msg": "success", "data": {}})
        if service == "telegram":
            if "chat_id" not in body or not body.get("text"):
                problems.append("chat_id/text missing")
                return (400, {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"})
            return (200, {"ok": True, "result": {"message_id": len(REQUESTS) + 1}})
        if service == "ntfy":
            if not body.get("topic") or "message" not in body:
                problems.append("topic/message missing")
                return (400, {"code": 40001, "http": 400, "error": "bad request"})
            return (200, {"id": "x", "event": "message", "topic": body["topic"]})
        if service == "gotify":
            if not headers.get("x-gotify-key"):
                problems.append("no X-Gotify-Key")
                return (401, {"error": "Unauthorized", "errorCode": 401})
            return (200, {"id": 1, "appid": 1, "message": body.get("message", "")})
        if service == "matrix":
            if self.command != "PUT" or not headers.get("authorization", "").startswith("Bearer "):
                problems.append("not PUT with a bearer token")
                return (401, {"errcode": "M_UNKNOWN_TOKEN", "error": "Unknown token"})
            if body.get("msgtype") not in ("m.notice", "m.text") or "body" not in body:
                problems.append("bad m.room.message")
                return (400, {"errcode": "M_BAD_JSON", "error": "bad"})
            txn = url.path.rsplit("/", 1)[-1]
            with LOCK:
                event = MATRIX_EVENTS.setdefault(txn, f"$event{len(MATRIX_EVENTS) + 1}")
            return (200, {"event_id": event})
        if service == "webhook":
            check_webhook(headers, raw, problems)
            if problems:
                return (401, {"error": "; ".join(problems)})
            return (200, {"received": True})
        problems.append("unknown service")
        return (404, {"error": "unknown service"})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--secrets", default="{}")
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()
    DELAY[0] = args.delay
    SECRETS.update(json.loads(args.secrets))
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    default_handle_error = server.handle_error

    def handle_error(request, address):
        # A client killed mid-request (the crash tests SIGKILL cadenced) resets
        # its connection: expected, not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            default_handle_error(request, address)
    server.handle_error = handle_error
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        # Handshakes happen in the request threads (a failed one only ends
        # that connection), not in accept().
        server.socket = context.wrap_socket(server.socket, server_side=True,
                                            do_handshake_on_connect=False)
        server.handle_error = lambda request, address: None  # refused handshakes: quiet
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
