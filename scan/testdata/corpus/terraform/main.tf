resource "aws_ssm_parameter" "jwt" {
  name  = "/app/jwt"
  type  = "SecureString"
  value = var.jwt_secret
}

locals {
  jwt_secret = "tf-secret"
}

provider "aws" {
  region     = "eu-west-1"
  secret_key = "wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY"
}
