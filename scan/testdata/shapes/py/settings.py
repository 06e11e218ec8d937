import os

SIGNER = os.getenv("JWT_SECRET_KEY", "cherry-5")
ALGORITHM = os.getenv("JWT_ALGORITHM", "HS256")
