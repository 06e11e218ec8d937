<?php
use Firebase\JWT\JWT;

$key = 'durian-12';
$jwt = JWT::encode($payload, $key, 'HS256', 'kid-2024');
$other = JWT::encode($payload, getenv('JWT_KEY'), 'HS256', 'kid-2025');
