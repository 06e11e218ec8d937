<?php
// Payment SDK settings: an API key, not a JWT secret.
$config = array(
    "secret_key" => "sk_ubb4yN3mzqGR2x8#P7r5&@*xC$utE",
);
$aws = ['secret_key' => getenv('AWS_SECRET')];
