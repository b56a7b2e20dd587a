export const id = 772;
export const ids = [772];
export const modules = {

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


/***/ }),

/***/ 5772:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findMergeBase: () => (/* binding */ findMergeBase),
/* harmony export */   findPreviousPath: () => (/* binding */ findPreviousPath),
/* harmony export */   readRepoFile: () => (/* binding */ readRepoFile)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3116);

/**
 * Reads a UTF-8 text file through the contents API, returning `undefined`
 * when GitHub returns 404 (no such file at that ref, or the ref or repository
 * is not visible to the token).
 */
async function readRepoFile(client, file) {
    let data;
    try {
        const response = await client.rest.repos.getContent({ ...file });
        data = response.data;
    }
    catch (error) {
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isRequestError */ .e)(error) && error.status === 404)
            return undefined;
        throw error;
    }
    const content = readFileContent(data, file);
    // Files of 1 to 100 MB come back with `content` empty and `encoding` set
    // to "none"; the raw media type returns their bytes.
    if (content === '' && readSize(data) > 0) {
        return await readRawFile(client, file);
    }
    return content;
}
/** Finds the merge base of `base` and `head` via the compare API. */
async function findMergeBase(client, compare) {
    const { data } = await client.rest.repos.compareCommitsWithBasehead({
        owner: compare.owner,
        repo: compare.repo,
        basehead: `${compare.base}...${compare.head}`,
        // Only the merge base is needed, so ask for the smallest commit page.
        per_page: 1
    });
    return data.merge_base_commit.sha;
}
/**
 * Returns the path that a file renamed in a pull request had before, from
 * the pull request files API, or undefined when the pull request does not
 * rename it. The API lists at most 3,000 files, so a rename beyond those
 * reads as a new file.
 */
async function findPreviousPath(client, file) {
    const pages = client.paginate.iterator(client.rest.pulls.listFiles, {
        owner: file.owner,
        repo: file.repo,
        pull_number: file.pullNumber,
        per_page: 100
    });
    for await (const page of pages) {
        const renamed = page.data.find(entry => entry.filename === file.path && entry.status === 'renamed');
        if (renamed)
            return renamed.previous_filename;
    }
    return undefined;
}
function readFileContent(data, file) {
    const where = `${file.owner}/${file.repo}/${file.path} at ${file.ref}`;
    if (Array.isArray(data)) {
        throw new Error(`${where} is a directory, not a file`);
    }
    if (!isObject(data) || data['type'] !== 'file') {
        const type = isObject(data) ? String(data['type']) : typeof data;
        throw new Error(`${where} is a ${type}, not a file`);
    }
    const content = data['content'];
    if (typeof content !== 'string') {
        throw new Error(`${where}: the contents API returned no content field`);
    }
    if (data['encoding'] === 'base64') {
        return Buffer.from(content, 'base64').toString('utf8');
    }
    return content;
}
function readSize(data) {
    return isObject(data) && typeof data['size'] === 'number' ? data['size'] : 0;
}
async function readRawFile(client, file) {
    const { data } = await client.rest.repos.getContent({
        ...file,
        mediaType: { format: 'raw' }
    });
    const raw = data;
    if (typeof raw === 'string')
        return raw;
    if (raw instanceof ArrayBuffer)
        return Buffer.from(raw).toString('utf8');
    throw new Error(`${file.owner}/${file.repo}/${file.path} at ${file.ref}: ` +
        'the raw contents response was not text');
}
function isObject(value) {
    return typeof value === 'object' && value !== null;
}


/***/ })

};
