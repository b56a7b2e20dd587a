export const id = 318;
export const ids = [318];
export const modules = {

/***/ 7318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FALLBACK_COMMENT_AUTHOR: () => (/* binding */ FALLBACK_COMMENT_AUTHOR),
/* harmony export */   readTokenLogin: () => (/* binding */ readTokenLogin),
/* harmony export */   upsertStickyComment: () => (/* binding */ upsertStickyComment)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6257);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3116);
/* harmony import */ var _sticky_body_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2553);



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
    const body = (0,_sticky_body_js__WEBPACK_IMPORTED_MODULE_1__/* .composeStickyBody */ .u)(request.body, request.marker, request.headSha);
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
        const created = await writeComment(request, 'created', async () => {
            const { data } = await client.rest.issues.createComment({
                owner: request.owner,
                repo: request.repo,
                issue_number: request.issueNumber,
                body
            });
            return { id: data.id, url: data.html_url };
        });
        if (request.mode === 'update' && created.id !== undefined) {
            return await settleRace(client, request, created.id, body, created);
        }
        return created;
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
    return await writeComment(request, 'updated', async () => {
        const { data } = await client.rest.issues.updateComment({
            owner: request.owner,
            repo: request.repo,
            comment_id: previous.id,
            body
        });
        return { id: data.id, url: data.html_url };
    });
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
        await client.rest.issues.deleteComment({
            owner: request.owner,
            repo: request.repo,
            comment_id: createdId
        });
    }
    catch (error) {
        // 404: the comment is gone already, which is the aim.
        if (!(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isRequestError */ .e)(error) || error.status !== 404)
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
        const { data } = await client.rest.users.getAuthenticated();
        return data.login;
    }
    catch (error) {
        if (!(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isRequestError */ .e)(error) || ![401, 403, 404].includes(error.status)) {
            throw error;
        }
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`GET /user returned ${error.status}, as it does for installation tokens, so the GraphQL viewer query names the bot`);
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
    try {
        const { data } = await client.rest.repos.compareCommitsWithBasehead({
            owner: request.owner,
            repo: request.repo,
            basehead: `${request.headSha}...${reportedSha}`,
            per_page: 1
        });
        // "ahead": the reported commit descends from this run's head.
        return data.status === 'ahead' ? reportedSha : undefined;
    }
    catch (error) {
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isRequestError */ .e)(error) && error.status === 404)
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
    for await (const page of pages) {
        for (const comment of page.data) {
            const mine = comment.user?.login === author;
            if (mine && comment.body?.includes(request.marker) === true) {
                yield comment;
            }
        }
    }
}
async function writeComment(request, action, write) {
    try {
        const { id, url } = await write();
        return { action, id, url };
    }
    catch (error) {
        const denied = (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isRequestError */ .e)(error) &&
            (error.status === 403 || error.status === 404) &&
            !(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isRateLimitError */ .k)(error);
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
        `Could not write the comment on ${target}: GitHub returned`,
        `${error.status} (${error.message}).`,
        'Grant the job the `pull-requests: write` permission.',
        'On a pull request from a fork the token is read-only whatever',
        'permissions the workflow requests, so post the `comment-body` output',
        'from a trusted workflow_run workflow instead, as',
        'docs/fork-pull-requests.md in the ai-budget repository shows.'
    ].join(' ');
}


/***/ }),

/***/ 3116:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ isRequestError),
/* harmony export */   k: () => (/* binding */ isRateLimitError)
/* harmony export */ });
/** Tells whether `error` is an Octokit request error carrying an HTTP status. */
function isRequestError(error) {
    return (error instanceof Error &&
        'status' in error &&
        typeof error.status === 'number');
}
/** Tells whether `error` is GitHub refusing a request for its rate limits. */
function isRateLimitError(error) {
    return error.status === 429 || /rate limit/i.test(error.message);
}


/***/ })

};
