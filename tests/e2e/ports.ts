// Ports of the app servers the e2e suite starts (the integration suite uses 3101).
export const E2E_PORT = 3102;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** The short-TTL server the expiry test starts for itself. */
export const E2E_SHORT_TTL_PORT = 3103;
