public class JwtUtil {
    private static final String KEY = "papaya-6";
    private static final long TTL = 3600;

    String issue(String sub) {
        return Jwts.builder().setSubject(sub)
            .signWith(SignatureAlgorithm.HS256, KEY)
            .compact();
    }
}
