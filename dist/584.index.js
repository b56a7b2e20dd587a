export const id = 584;
export const ids = [584];
export const modules = {

/***/ 6584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_RETRIES: () => (/* binding */ MAX_RETRIES),
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient),
/* harmony export */   waitBeforeRetry: () => (/* binding */ waitBeforeRetry)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8179);
/* harmony import */ var _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5250);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6856);




/** Octokit class with the REST methods, pagination, retries and throttling. */
const RetryingGitHub = _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .GitHub */ .gq.plugin(_octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
/** Retries after a 5xx response, a network error or a timeout. */
const MAX_RETRIES = 3;
/** Retries after a rate limit, each after the wait that GitHub requests. */
const MAX_RATE_LIMIT_RETRIES = 2;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** One second: plugin-retry waits retryCount² units, so 1 s, 4 s, 9 s. */
const DEFAULT_RETRY_DELAY_UNIT_MS = 1_000;
/** Rate limits that reset later than this fail at once instead of waiting. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60;
/** Creates the Octokit client that sends every request to `baseUrl`. */
function createGitHubClient(options) {
    const delayUnitMs = options.retryDelayUnitMs ?? DEFAULT_RETRY_DELAY_UNIT_MS;
    const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const baseUrl = trimTrailingSlashes(options.baseUrl);
    const fetchWithTimeout = wrapFetchWithTimeout(selectFetch(baseUrl), timeoutMs);
    const client = new RetryingGitHub((0,_actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .getOctokitOptions */ .EG)(options.token, {
        baseUrl,
        request: { fetch: fetchWithTimeout },
        log: {
            debug: message => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(message),
            info: message => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(message),
            warn: message => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message),
            error: message => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(message)
        },
        retry: {
            retries: MAX_RETRIES,
            retryAfterBaseValue: delayUnitMs,
            // 429 joins the client errors that plugin-retry leaves alone, so only
            // plugin-throttling retries rate limits, honouring `retry-after`.
            doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451]
        },
        throttle: {
            // A distinct id gives each client its own limiters, so one client's
            // write spacing does not delay another's.
            id: `ai-budget-${Math.random().toString(36).slice(2)}`,
            retryAfterBaseValue: delayUnitMs,
            onRateLimit: (retryAfter, request, _octokit, retryCount) => decideRateLimitRetry('Rate limit', retryAfter, request, retryCount),
            onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => decideRateLimitRetry('Secondary rate limit', retryAfter, request, retryCount)
        }
    }));
    retryDelayUnits.set(client, delayUnitMs);
    return client;
}
/** The retry delay unit of each client, for requests that are retried by hand. */
const retryDelayUnits = new WeakMap();
/**
 * Waits as long as plugin-retry would before its retry number `retryCount`
 * (1, 4, 9 units), for a request that is not safe to resend blindly and is
 * therefore retried by its caller.
 */
async function waitBeforeRetry(client, retryCount) {
    const unit = retryDelayUnits.get(client) ?? DEFAULT_RETRY_DELAY_UNIT_MS;
    await new Promise(resolve => setTimeout(resolve, retryCount ** 2 * unit));
}
/**
 * Returns the proxy-aware fetch of `@actions/github` when `baseUrl` is the
 * URL it was set up for (`GITHUB_API_URL` at import), else the global fetch,
 * so requests to another host never go through a proxy chosen for GitHub.
 */
function selectFetch(baseUrl) {
    const proxyFetch = _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .defaults */ .NT.request?.fetch;
    const proxiedUrl = trimTrailingSlashes(_actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .defaults */ .NT.baseUrl ?? '');
    if (proxiedUrl === baseUrl && typeof proxyFetch === 'function') {
        return proxyFetch;
    }
    return (url, init) => globalThis.fetch(url, init);
}
/**
 * Wraps `fetch` so that one attempt, headers and body, ends after
 * `timeoutMs`. The timeout is a `TimeoutError`, which `@octokit/request` 10
 * wraps as a status 500 error, so plugin-retry retries it like a 5xx
 * response. With the defaults a stalled server costs at most 4 attempts of
 * 30 s plus 1 + 4 + 9 s of waiting: 134 s for one request.
 */
function wrapFetchWithTimeout(baseFetch, timeoutMs) {
    return async (url, init) => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), timeoutMs);
        const signal = init?.signal
            ? AbortSignal.any([init.signal, controller.signal])
            : controller.signal;
        try {
            const response = await baseFetch(url, { ...init, signal });
            // Reading the body here keeps a stalled body under the same timer.
            const body = await response.arrayBuffer();
            return new Response(isNullBodyStatus(response.status) ? null : body, {
                status: response.status,
                statusText: response.statusText,
                headers: response.headers
            });
        }
        catch (error) {
            if (controller.signal.aborted) {
                const method = init?.method ?? 'GET';
                throw new DOMException(`GitHub API request ${method} ${url} timed out after ${timeoutMs} ms`, 'TimeoutError');
            }
            throw error;
        }
        finally {
            clearTimeout(timer);
        }
    };
}
function trimTrailingSlashes(url) {
    return url.replace(/\/+$/, '');
}
function isNullBodyStatus(status) {
    return status === 101 || status === 204 || status === 205 || status === 304;
}
function decideRateLimitRetry(kind, retryAfterSeconds, request, retryCount) {
    const route = `${request.method ?? 'GET'} ${request.url ?? ''}`;
    if (retryCount >= MAX_RATE_LIMIT_RETRIES) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`${kind} hit on ${route}, giving up after ${retryCount} retries`);
        return false;
    }
    if (retryAfterSeconds > MAX_RATE_LIMIT_WAIT_SECONDS) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`${kind} hit on ${route}, which resets in ${retryAfterSeconds} s, ` +
            `more than the ${MAX_RATE_LIMIT_WAIT_SECONDS} s this step waits`);
        return false;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${kind} hit on ${route}, retrying in ${retryAfterSeconds} s ` +
        `(retry ${retryCount + 1} of ${MAX_RATE_LIMIT_RETRIES})`);
    return true;
}


/***/ })

};
