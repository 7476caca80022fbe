// Ports of the app servers the e2e suite starts, next to the integration suite's TEST_PORT (3101
// by default), so two checkouts can run their suites on one machine with different TEST_PORTs.
const base = Number(process.env.TEST_PORT ?? 3101);
export const E2E_PORT = base + 1;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** The short-TTL server the expiry test starts for itself. */
export const E2E_SHORT_TTL_PORT = base + 2;
