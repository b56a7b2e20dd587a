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
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8179);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3116);
/* harmony import */ var _sticky_body_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2553);



/**
 * Author of comments written with the workflow's `GITHUB_TOKEN`. Other
 * actions identify their own comments in different ways:
 * marocchino/sticky-pull-request-comment reads the login from the GraphQL
 * `viewer` query, and actions/dependency-review-action matches the marker
 * alone, so it would edit a comment that anybody copied the marker into. This
 * module calls REST `GET /user`, which installation tokens may not call
 * (GitHub returns 403 "Resource not accessible by integration"), and then
 * falls back to this login.
 *
 * NOTE: a GitHub App installation token writes as `<app-slug>[bot]`, which
 * this fallback does not match, so with such a token every run creates a new
 * comment.
 */
const FALLBACK_COMMENT_AUTHOR = 'github-actions[bot]';
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
        return await writeComment(request, 'created', async () => {
            const { data } = await client.rest.issues.createComment({
                owner: request.owner,
                repo: request.repo,
                issue_number: request.issueNumber,
                body
            });
            return data.html_url;
        });
    }
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
        return data.html_url;
    });
}
/** Reads the login of the token's user, or the fallback for app tokens. */
async function readTokenLogin(client) {
    try {
        const { data } = await client.rest.users.getAuthenticated();
        return data.login;
    }
    catch (error) {
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isRequestError */ .e)(error) && [401, 403, 404].includes(error.status)) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`GET /user returned ${error.status}, as it does for installation ` +
                `tokens, so comments written by ${FALLBACK_COMMENT_AUTHOR} match`);
            return FALLBACK_COMMENT_AUTHOR;
        }
        throw error;
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
    const author = await readTokenLogin(client);
    const pages = client.paginate.iterator(client.rest.issues.listComments, {
        owner: request.owner,
        repo: request.repo,
        issue_number: request.issueNumber,
        per_page: 100
    });
    for await (const page of pages) {
        const match = page.data.find(comment => comment.user?.login === author &&
            comment.body?.includes(request.marker) === true);
        if (match !== undefined)
            return match;
    }
    return undefined;
}
async function writeComment(request, action, write) {
    try {
        return { action, url: await write() };
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
        'from a trusted follow-up workflow instead.'
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
