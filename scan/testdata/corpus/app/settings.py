DEBUG = False
SECRET_KEY = 'django-insecure-abc123xyz'
ALLOWED_HOSTS = ["*"]
