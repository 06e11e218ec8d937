import jwt
from settings import ALGORITHM

KEY = "grape-11"

def issue(claims):
    return jwt.encode(
        claims,
        KEY,
        algorithm=ALGORITHM,
    )

def check(token, key):
    return jwt.decode(token, key, algorithms=[ALGORITHM])
