"""SimpleJWT: sign with SIGNING_KEY; also accept SIGNING_KEY_PREVIOUS until `jwtkey retire`.

settings.py:  SIMPLE_JWT = {"SIGNING_KEY": os.environ["SIGNING_KEY"], ...}
apps.py:      class MyAppConfig(AppConfig):
                  def ready(self):
                      simplejwt_rotation.install()
"""
import os

import jwt
from rest_framework_simplejwt import state
from rest_framework_simplejwt.backends import TokenBackend
from rest_framework_simplejwt.exceptions import TokenBackendError
from rest_framework_simplejwt.settings import api_settings


def _backend(cls, signing_key):
    s = api_settings
    return cls(s.ALGORITHM, signing_key, s.VERIFYING_KEY, s.AUDIENCE, s.ISSUER, s.JWK_URL, s.LEEWAY, s.JSON_ENCODER)


class RotatingTokenBackend(TokenBackend):
    def decode(self, token, verify=True):
        try:
            return super().decode(token, verify)
        except TokenBackendError as err:
            # Only a signature that does not match moves on to the previous
            # key: an expired token signed with the current key stays expired.
            previous = os.environ.get("SIGNING_KEY_PREVIOUS")
            if not previous or not isinstance(err.__cause__, jwt.InvalidSignatureError):
                raise
            return _backend(TokenBackend, previous).decode(token, verify)


def install():
    """Make every SimpleJWT token sign and verify through RotatingTokenBackend.

    SimpleJWT has no setting for its backend class; its tokens look up
    rest_framework_simplejwt.state.token_backend, so replace that before the
    first token is made or read.
    """
    state.token_backend = _backend(RotatingTokenBackend, api_settings.SIGNING_KEY)
