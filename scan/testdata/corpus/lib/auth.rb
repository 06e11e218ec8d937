require 'jwt'

class Auth
  def self.issue(payload)
    JWT.encode(payload, 'ruby-secret', 'HS256')
  end

  def self.issue_env(payload)
    JWT.encode(payload, ENV['JWT_SECRET'], 'HS256')
  end

  HMAC_SECRET = Rails.application.credentials.secret_key_base
end
