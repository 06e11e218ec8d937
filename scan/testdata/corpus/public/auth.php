<?php
use Firebase\JWT\JWT;
use Firebase\JWT\Key;

$jwt = JWT::encode($payload, 'php-secret', 'HS256');
$decoded = JWT::decode($jwt, new Key($_ENV['JWT_SECRET'], 'HS256'));
