class TokenSigner(private val secret: String) {
    private val alg = Algorithm.HMAC256(secret)
}

val signer = TokenSigner("mango-4")
