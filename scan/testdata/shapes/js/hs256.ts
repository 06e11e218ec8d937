import { createHmac } from 'crypto';
// HS256 by hand
export const sig = (data) => createHmac('sha256', 'melon-3').update(data).digest('base64url');
export const verify = (data, key) => createHmac('sha256', key).update(data).digest('base64url');
