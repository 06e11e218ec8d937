class Token
  SECRET = ENV['JWT_SECRET'] || 'plum-14'

  def self.hmac_secret
    'peach-15'
  end

  def self.encode(payload)
    JWT.encode(payload, hmac_secret, 'HS256')
  end
end
