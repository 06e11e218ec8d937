const jwt = require('jsonwebtoken');
test('signs', () => {
  expect(jwt.sign({ a: 1 }, 'test-secret')).toBeTruthy();
});
