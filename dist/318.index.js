export const id = 318;
export const ids = [318,584];
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


/***/ }),

/***/ 7318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FALLBACK_COMMENT_AUTHOR: () => (/* binding */ FALLBACK_COMMENT_AUTHOR),
/* harmony export */   readTokenLogin: () => (/* binding */ readTokenLogin),
/* harmony export */   upsertStickyComment: () => (/* binding */ upsertStickyComment)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8179);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6584);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3116);
/* harmony import */ var _sticky_body_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2553);




const LIST_ROUTE = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';
const CREATE_ROUTE = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const UPDATE_ROUTE = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}';
const DELETE_ROUTE = 'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}';
const COMPARE_ROUTE = 'GET /repos/{owner}/{repo}/compare/{basehead}';
const USER_ROUTE = 'GET /user';
/**
 * Author assumed when neither `GET /user` nor the GraphQL `viewer` query
 * returns the token's login: the app behind the workflow's `GITHUB_TOKEN`.
 */
const FALLBACK_COMMENT_AUTHOR = 'github-actions[bot]';
/** Suffix of the REST login of a GitHub App's bot user. */
const BOT_SUFFIX = '[bot]';
/** Hidden tag that records the reported commit, placed before the marker. */
const HEAD_TAG = /<!-- sticky-comment head-sha=([0-9a-f]{7,64}) -->/;
/**
 * Creates the sticky comment, or edits the token user's previous comment
 * that carries the marker, returning `skipped` when the token may not write.
 */
async function upsertStickyComment(client, request) {
    const body = (0,_sticky_body_js__WEBPACK_IMPORTED_MODULE_3__/* .composeStickyBody */ .u)(request.body, request.marker, request.headSha);
    const previous = request.mode === 'update'
        ? await findStickyComment(client, request)
        : undefined;
    if (previous === undefined) {
        if (request.createIfMissing === false) {
            return {
                action: 'skipped',
                skipCause: 'not-requested',
                reason: 'there is no previous comment to update and creating one was not requested'
            };
        }
        const created = await writeComment(request, () => createComment(client, request, body));
        if (created.action === 'skipped')
            return created;
        if (created.existing !== undefined) {
            return await updateComment(client, request, created.existing, body);
        }
        const result = {
            action: 'created',
            id: created.id,
            url: created.url
        };
        if (request.mode === 'update') {
            return await settleRace(client, request, created.id, body, result);
        }
        return result;
    }
    return await updateComment(client, request, previous, body);
}
/**
 * Edits `previous` unless its body is the same or it reports a newer
 * commit, so that a run for an older push never overwrites a newer one.
 */
async function updateComment(client, request, previous, body) {
    if (isSameBody(previous.body, body)) {
        return { action: 'unchanged', url: previous.html_url };
    }
    const newerSha = await findNewerReportedHead(client, request, previous);
    if (newerSha !== undefined) {
        return {
            action: 'skipped',
            skipCause: 'newer-head',
            url: previous.html_url,
            reason: `the comment already reports ${newerSha}, a later commit than ` +
                `${request.headSha ?? ''}, so this older run leaves it as it is`
        };
    }
    const updated = await writeComment(request, async () => {
        const { data } = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .callGitHub */ .ur)(UPDATE_ROUTE, describeTarget(request), () => client.rest.issues.updateComment({
            owner: request.owner,
            repo: request.repo,
            comment_id: previous.id,
            body
        }));
        return { action: 'updated', id: data.id, url: data.html_url };
    });
    return updated;
}
/**
 * Posts the comment, retrying a 5xx or a timeout by hand. Octokit would
 * resend the POST at once, but GitHub may have created the comment before
 * the error. So before each retry the comments are listed again. In update
 * mode any marked comment of the token's user is then the one to edit, and
 * in new mode one with this body counts as posted, so a re-run of the same
 * commit in new mode can find its earlier identical comment and post none.
 */
async function createComment(client, request, body) {
    for (let retry = 0;; retry++) {
        try {
            const { data } = await client.rest.issues.createComment({
                owner: request.owner,
                repo: request.repo,
                issue_number: request.issueNumber,
                body,
                request: { retries: 0 }
            });
            return { action: 'created', id: data.id, url: data.html_url };
        }
        catch (error) {
            if (!(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isRetriableError */ .BY)(error) || retry >= _client_js__WEBPACK_IMPORTED_MODULE_1__.MAX_RETRIES) {
                throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .toGitHubApiError */ .Vu)(CREATE_ROUTE, describeTarget(request), error);
            }
        }
        const marked = await listStickyComments(client, request);
        const posted = request.mode === 'update'
            ? marked[0]
            : [...marked].reverse().find(comment => isSameBody(comment.body, body));
        if (posted !== undefined) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Creating the comment failed, but comment ${posted.id} is there, so it is not posted again`);
            return {
                action: 'created',
                id: posted.id,
                url: posted.html_url,
                existing: posted
            };
        }
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Creating the comment failed and no comment was posted, so it is sent again (retry ${retry + 1} of ${_client_js__WEBPACK_IMPORTED_MODULE_1__.MAX_RETRIES})`);
        await (0,_client_js__WEBPACK_IMPORTED_MODULE_1__.waitBeforeRetry)(client, retry + 1);
    }
}
/**
 * Removes a duplicate that two runs racing on one pull request create when
 * both find no comment and both post one. Each run lists the comments again
 * after posting, keeps the oldest marked comment, deletes its own when that
 * is a later one, and then updates the oldest. Whichever order the runs
 * take, one comment remains.
 */
async function settleRace(client, request, createdId, body, created) {
    const marked = await listStickyComments(client, request);
    const oldest = marked[0];
    if (oldest === undefined || oldest.id >= createdId)
        return created;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Another run posted comment ${oldest.id} first, so comment ${createdId} is deleted`);
    try {
        await (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .callGitHub */ .ur)(DELETE_ROUTE, describeTarget(request), () => client.rest.issues.deleteComment({
            owner: request.owner,
            repo: request.repo,
            comment_id: createdId
        }));
    }
    catch (error) {
        // 404: the comment is gone already, which is the aim.
        if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GitHubApiError */ .OS) || error.status !== 404)
            throw error;
    }
    return await updateComment(client, request, oldest, body);
}
/**
 * Reads the login that comments written with the token get. `GET /user`
 * returns it for personal tokens. Installation tokens, the workflow's
 * `GITHUB_TOKEN` among them, get 403 "Resource not accessible by
 * integration" there, but the GraphQL `viewer` query returns their app's
 * bot, whose REST login ends in `[bot]`.
 */
async function readTokenLogin(client) {
    let login = tokenLogins.get(client);
    if (login === undefined) {
        login = lookUpTokenLogin(client);
        tokenLogins.set(client, login);
    }
    return await login;
}
/** Logins already read, so that a run looks each client's login up once. */
const tokenLogins = new WeakMap();
async function lookUpTokenLogin(client) {
    try {
        const { data } = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .callGitHub */ .ur)(USER_ROUTE, 'the token’s login', () => client.rest.users.getAuthenticated());
        return data.login;
    }
    catch (error) {
        // 401 is a bad token, which every later request would fail with too.
        const status = error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GitHubApiError */ .OS ? error.status : 0;
        if (status !== 403 && status !== 404)
            throw error;
        const cause = status === 403
            ? ', which installation tokens such as GITHUB_TOKEN get'
            : '';
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`GET /user returned ${status}${cause}, so the GraphQL viewer query names the bot`);
    }
    return await readBotLogin(client);
}
async function readBotLogin(client) {
    try {
        const { viewer } = await client.graphql('query { viewer { login } }');
        // NOTE: GitHub's documentation does not say whether the viewer login of
        // a bot carries the `[bot]` suffix of its REST login, so both are read.
        const login = viewer.login;
        return login.endsWith(BOT_SUFFIX) ? login : `${login}${BOT_SUFFIX}`;
    }
    catch (error) {
        if (!(error instanceof Error))
            throw error;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`The GraphQL viewer query failed (${error.message}), so comments written by ${FALLBACK_COMMENT_AUTHOR} match`);
        return FALLBACK_COMMENT_AUTHOR;
    }
}
/**
 * Compares bodies the way GitHub may store them: line endings and trailing
 * white space can change on the way, so they do not count as an edit.
 */
function isSameBody(stored, body) {
    const normalize = (text) => text.replace(/\r\n/g, '\n').trimEnd();
    return stored !== undefined && normalize(stored) === normalize(body);
}
/**
 * Returns the commit that `previous` reports when it is a descendant of
 * `request.headSha`, that is when a run for a later push already wrote it.
 * A force-pushed or unknown commit does not count as later.
 */
async function findNewerReportedHead(client, request, previous) {
    const reportedSha = HEAD_TAG.exec(previous.body ?? '')?.[1];
    if (request.headSha === undefined || reportedSha === undefined)
        return;
    if (reportedSha === request.headSha)
        return;
    const subject = `the comment's commit ${reportedSha.slice(0, 7)}`;
    try {
        const { data } = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .callGitHub */ .ur)(COMPARE_ROUTE, subject, () => client.rest.repos.compareCommitsWithBasehead({
            owner: request.owner,
            repo: request.repo,
            basehead: `${request.headSha}...${reportedSha}`,
            per_page: 1
        }));
        // "ahead": the reported commit descends from this run's head.
        return data.status === 'ahead' ? reportedSha : undefined;
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GitHubApiError */ .OS && error.status === 404)
            return;
        throw error;
    }
}
/** Searches every page of comments, oldest first, for the first match. */
async function findStickyComment(client, request) {
    for await (const match of iterateStickyComments(client, request)) {
        return match;
    }
    return undefined;
}
/** Lists every comment of the token's user that carries the marker, oldest first. */
async function listStickyComments(client, request) {
    const matches = [];
    for await (const match of iterateStickyComments(client, request)) {
        matches.push(match);
    }
    return matches;
}
/** Yields the token user's marked comments, fetching a page only when the caller reads past the previous one. */
async function* iterateStickyComments(client, request) {
    const author = await readTokenLogin(client);
    const pages = client.paginate.iterator(client.rest.issues.listComments, {
        owner: request.owner,
        repo: request.repo,
        issue_number: request.issueNumber,
        per_page: 100
    });
    const iterator = pages[Symbol.asyncIterator]();
    for (;;) {
        let next;
        try {
            next = await iterator.next();
        }
        catch (error) {
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .toGitHubApiError */ .Vu)(LIST_ROUTE, describeTarget(request), error);
        }
        if (next.done === true)
            return;
        for (const comment of next.value.data) {
            const mine = comment.user?.login === author;
            if (mine && comment.body?.includes(request.marker) === true) {
                yield comment;
            }
        }
    }
}
function describeTarget(request) {
    return `the comments of ${request.owner}/${request.repo}#${request.issueNumber}`;
}
/** Sends a write, and turns a denied one into a skipped result that names the permission. */
async function writeComment(request, write) {
    try {
        return await write();
    }
    catch (error) {
        const denied = error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GitHubApiError */ .OS &&
            (error.status === 403 || error.status === 404) &&
            !error.rateLimited;
        if (!denied)
            throw error;
        return {
            action: 'skipped',
            skipCause: 'denied',
            reason: describeWriteDenied(request, error)
        };
    }
}
function describeWriteDenied(request, error) {
    const target = `${request.owner}/${request.repo}#${request.issueNumber}`;
    return [
        `Could not write the comment on ${target}: ${error.route} returned`,
        `${error.status} (${error.detail}).`,
        'Grant the job the `pull-requests: write` permission.',
        'On a pull request from a fork the token is read-only whatever',
        'permissions the workflow requests, so post the `comment-body` output',
        'from a trusted workflow_run workflow instead, as',
        'docs/fork-pull-requests.md in the ai-budget repository shows.'
    ].join(' ');
}


/***/ })

};
