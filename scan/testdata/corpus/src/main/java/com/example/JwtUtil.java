package com.example;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.springframework.beans.factory.annotation.Value;

public class JwtUtil {
    @Value("${jwt.secret}")
    private String secret;

    public String legacy(String user) {
        return Jwts.builder().setSubject(user).signWith(SignatureAlgorithm.HS512, "java-secret").compact();
    }

    public String modern(String user) {
        return Jwts.builder().subject(user).signWith(Keys.hmacShaKeyFor("a-32-byte-long-secret-for-hs256!".getBytes())).compact();
    }

    public String fromConfig(String user) {
        return Jwts.builder().subject(user).signWith(Keys.hmacShaKeyFor(secret.getBytes())).compact();
    }
}
