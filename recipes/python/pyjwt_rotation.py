"""PyJWT: sign with JWT_SECRET; also accept JWT_SECRET_PREVIOUS until `jwtkey retire`."""
import os

import jwt

ALGORITHMS = ["HS256"]


def sign(claims):
    return jwt.encode(claims, os.environ["JWT_SECRET"], algorithm=ALGORITHMS[0])


def verify(token, **options):
    try:
        return jwt.decode(token, os.environ["JWT_SECRET"], algorithms=ALGORITHMS, **options)
    except jwt.InvalidSignatureError:
        # Only a signature that does not match moves on to the previous key:
        # an expired token signed with the current key stays expired.
        previous = os.environ.get("JWT_SECRET_PREVIOUS")
        if not previous:
            raise
        return jwt.decode(token, previous, algorithms=ALGORITHMS, **options)
