#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads one received message with Python's own e-mail parser (independent of NetLens's
composer) and prints what the tests check, as JSON: decoded headers, the text body and
each attachment's name, type, size and SHA-256."""
import email
import email.policy
import hashlib
import json
import sys

with open(sys.argv[1], "rb") as f:
    msg = email.message_from_binary_file(f, policy=email.policy.default)
out = {
    "subject": str(msg["Subject"]),
    "message_id": str(msg["Message-ID"]),
    "from": str(msg["From"]),
    "to": str(msg["To"]),
    "date": str(msg["Date"]),
    "content_type": msg.get_content_type(),
    "body": "",
    "attachments": [],
}
for part in msg.walk():
    if part.is_multipart():
        continue
    if part.get_content_disposition() == "attachment":
        data = part.get_payload(decode=True)
        out["attachments"].append({"filename": part.get_filename(),
                                   "content_type": part.get_content_type(),
                                   "size": len(data),
                                   "sha256": hashlib.sha256(data).hexdigest()})
    elif part.get_content_type() == "text/plain":
        out["body"] += part.get_content()
print(json.dumps(out))
