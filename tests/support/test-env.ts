// Fixed, obviously fake credentials for test servers, so tests can sign what they send. The suites
// create many accounts from one address, so rate limits are off; tests/integration/auth/rate-limits
// starts a server of its own with them on.
export const TEST_ENV = {
  WXPAY_MODE: 'sandbox',
  WXPAY_APPID: 'wxtest0000000000',
  WXPAY_MCH_ID: '1900000109',
  WXPAY_KEY: 'TestKeyTestKeyTestKeyTestKey0000',
  WXPAY_SIGN_TYPE: 'HMAC-SHA256',
  CRON_SECRET: 'test-cron-secret-0123456789',
  SESSION_SECRET: 'test-session-secret-0123456789-0123456789',
  ADMIN_USERNAME: 'admin',
  ADMIN_PASSWORD: 'admin-test-password',
  WXPAY_SANDBOX_TIME_SCALE: '0.01',
  SWEEP_INTERVAL_SECONDS: '0',
  RATE_LIMIT: 'off',
} as const;
