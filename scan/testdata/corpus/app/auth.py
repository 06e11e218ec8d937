import os
import jwt
from django.conf import settings

SECRET_KEY = os.environ["SECRET_KEY"]


def issue(payload):
    return jwt.encode(payload, "py-secret", algorithm="HS256")


def check(token):
    return jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])
