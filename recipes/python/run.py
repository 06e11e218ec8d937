"""Runs one of the recipes in this folder for recipes_test.go.

Reads {"recipe", "sign": [{"sub", "expired", "foreign"}], "verify": [token]}
on stdin; writes {"signed": [token], "verified": [{"ok", "sub", "error"}]},
where error is "signature", "expired" or another message.
"""
import json
import os
import secrets
import sys
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import jwt  # noqa: E402


def classify(err):
    while err is not None:
        if isinstance(err, jwt.ExpiredSignatureError):
            return "expired"
        if isinstance(err, jwt.InvalidSignatureError):
            return "signature"
        last, err = err, err.__cause__ or err.__context__
    return str(last)


def pyjwt():
    import pyjwt_rotation

    def sign(req):
        claims = {"sub": req["sub"], "exp": int(time.time()) + (-60 if req.get("expired") else 3600)}
        if req.get("foreign"):
            return jwt.encode(claims, secrets.token_hex(32), algorithm="HS256")
        return pyjwt_rotation.sign(claims)

    def verify(token):
        return pyjwt_rotation.verify(token)["sub"]

    return sign, verify


def simplejwt():
    import django
    from django.conf import settings

    settings.configure(
        SECRET_KEY=secrets.token_hex(32),
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "rest_framework", "rest_framework_simplejwt"],
        SIMPLE_JWT={"SIGNING_KEY": os.environ["SIGNING_KEY"], "ALGORITHM": "HS256"},
    )
    django.setup()
    import simplejwt_rotation
    from rest_framework_simplejwt.backends import TokenBackend
    from rest_framework_simplejwt.tokens import AccessToken

    simplejwt_rotation.install()

    def sign(req):
        token = AccessToken()
        token["user_id"] = req["sub"]
        if req.get("expired"):
            token.set_exp(lifetime=-timedelta(minutes=1))
        if req.get("foreign"):
            return TokenBackend("HS256", secrets.token_hex(32)).encode(token.payload)
        return str(token)

    def verify(token):
        return AccessToken(token)["user_id"]

    return sign, verify


def main():
    req = json.load(sys.stdin)
    sign, verify = {"pyjwt": pyjwt, "simplejwt": simplejwt}[req["recipe"]]()
    out = {"signed": [sign(s) for s in req.get("sign") or []], "verified": []}
    for token in req.get("verify") or []:
        try:
            out["verified"].append({"ok": True, "sub": verify(token)})
        except Exception as err:  # noqa: BLE001: every refusal is reported
            out["verified"].append({"ok": False, "error": classify(err)})
    json.dump(out, sys.stdout)


main()
