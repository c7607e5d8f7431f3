#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real SMTP server for the notify tests, on Debian's aiosmtpd.

Each message received is written to DIR/NNNN.eml (the DATA content, undone dot-stuffing)
with DIR/NNNN.json beside it (envelope sender, recipients, the login used). Prints READY
once it accepts connections; stops on SIGTERM.

Run with /usr/bin/python3: the python3 first on PATH may be a build without aiosmtpd.
"""
import argparse
import json
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, directory, drop):
        self.directory = directory
        self.drop = drop  # messages to take and then hang up on, before the 250
        self.count = len([f for f in os.listdir(directory) if f.endswith(".eml")])
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            base = os.path.join(self.directory, "%04d" % self.count)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        # With an authenticator, aiosmtpd keeps the credentials that passed in auth_data.
        auth = getattr(session, "auth_data", None)
        login = auth.login if isinstance(auth, LoginPassword) else None
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "login": login.decode() if isinstance(login, bytes) else login,
            "authenticated": bool(session.authenticated),
            "tls": session.ssl is not None,
        }
        with open(base + ".json", "w") as f:
            json.dump(meta, f)
        # The .eml appears last and whole: the test polls for it.
        os.rename(base + ".eml.tmp", base + ".eml")
        if self.drop > 0:
            # The ambiguous failure: the server has the message, the client never hears so.
            self.drop -= 1
            server.transport.abort()
            return "451 4.3.0 never sent"
        return "250 2.0.0 OK: queued as %04d" % self.count


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--mode", choices=["plain", "starttls", "smtps"], default="plain")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--exclude-mechanism", action="append", default=[])
    p.add_argument("--drop-after-data", type=int, default=0)
    a = p.parse_args()

    def authenticator(server, session, envelope, mechanism, auth_data):
        if (isinstance(auth_data, LoginPassword)
                and auth_data.login.decode() == a.user
                and auth_data.password.decode() == a.password):
            return AuthResult(success=True, auth_data=auth_data)
        # handled=False: aiosmtpd then sends the 535 itself (otherwise no reply at all).
        return AuthResult(success=False, handled=False)

    kwargs = {}
    context = None
    if a.mode != "plain":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.cert, a.key)
    if a.mode == "starttls":
        kwargs.update(tls_context=context, require_starttls=True)
    if a.user:
        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_exclude_mechanism=a.exclude_mechanism)
        if a.mode != "starttls":
            # Plain: a test on loopback. SMTPS: the connection is TLS already, but aiosmtpd
            # only counts STARTTLS (it would answer 538).
            kwargs.update(auth_require_tls=False)
    controller = Controller(Handler(a.dir, a.drop_after_data), hostname="127.0.0.1", port=a.port,
                            ssl_context=context if a.mode == "smtps" else None,
                            server_hostname="127.0.0.1", **kwargs)
    controller.start()
    print("READY", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
