<?php
return [
    'secret' => env('JWT_SECRET', 'guava-10'),
    'ttl' => env('JWT_TTL', 60),
];
