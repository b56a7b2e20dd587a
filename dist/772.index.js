export const id = 772;
export const ids = [772];
export const modules = {

/***/ 5772:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findMergeBase: () => (/* binding */ findMergeBase),
/* harmony export */   findPreviousPath: () => (/* binding */ findPreviousPath),
/* harmony export */   listPullRequestFiles: () => (/* binding */ listPullRequestFiles),
/* harmony export */   readPullRequestLabels: () => (/* binding */ readPullRequestLabels),
/* harmony export */   readRepoFile: () => (/* binding */ readRepoFile)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3116);

const CONTENTS_ROUTE = 'GET /repos/{owner}/{repo}/contents/{path}';
const COMPARE_ROUTE = 'GET /repos/{owner}/{repo}/compare/{basehead}';
const PULL_FILES_ROUTE = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files';
const PULL_ROUTE = 'GET /repos/{owner}/{repo}/pulls/{pull_number}';
/** GitHub's 404 message for a ref that names no branch, tag or commit. */
const NO_COMMIT_MESSAGE = /^No commit found for the ref/i;
/**
 * Reads a UTF-8 text file through the contents API, returning `undefined`
 * when GitHub returns 404 for the file. A ref that does not exist throws
 * RefNotFoundError, which GitHub tells apart with the message "No commit
 * found for the ref". Other failures throw GitHubApiError.
 */
async function readRepoFile(client, file) {
    let data;
    try {
        const response = await client.rest.repos.getContent({ ...file });
        data = response.data;
    }
    catch (error) {
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isRequestError */ .eK)(error) && error.status === 404) {
            if (NO_COMMIT_MESSAGE.test(error.message)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefNotFoundError */ .ZA(file.ref);
            }
            // NOTE: GitHub also answers a plain 404 when the token cannot see the
            // repository at all. Pull requests find their base with the compare
            // API first, which fails on such a token, but push and base-ref do not.
            return undefined;
        }
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .toGitHubApiError */ .Vu)(CONTENTS_ROUTE, describeFile(file), error);
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
    const subject = `the merge base of ${shorten(compare.base)} and ${shorten(compare.head)}`;
    const { data } = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .callGitHub */ .ur)(COMPARE_ROUTE, subject, () => client.rest.repos.compareCommitsWithBasehead({
        owner: compare.owner,
        repo: compare.repo,
        basehead: `${compare.base}...${compare.head}`,
        // Only the merge base is needed, so ask for the smallest commit page.
        per_page: 1
    }));
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
    return await (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .callGitHub */ .ur)(PULL_FILES_ROUTE, `the files of pull request #${file.pullNumber}`, async () => {
        for await (const page of pages) {
            const renamed = page.data.find(entry => entry.filename === file.path && entry.status === 'renamed');
            if (renamed)
                return renamed.previous_filename;
        }
        return undefined;
    });
}
/**
 * Lists the files that a pull request changes, every page of 100. GitHub
 * lists at most 3,000 files, so a larger pull request has files missing.
 */
async function listPullRequestFiles(client, pull) {
    const pages = client.paginate.iterator(client.rest.pulls.listFiles, {
        owner: pull.owner,
        repo: pull.repo,
        pull_number: pull.pullNumber,
        per_page: 100
    });
    return await (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .callGitHub */ .ur)(PULL_FILES_ROUTE, `the files of pull request #${pull.pullNumber}`, async () => {
        const files = [];
        for await (const page of pages) {
            for (const entry of page.data) {
                files.push(entry.previous_filename
                    ? {
                        path: entry.filename,
                        status: entry.status,
                        previousPath: entry.previous_filename
                    }
                    : { path: entry.filename, status: entry.status });
            }
        }
        return files;
    });
}
/**
 * Reads the names of a pull request's current labels. The event payload
 * lists the labels when the run was triggered, so a label added before a
 * re-run is only seen here.
 */
async function readPullRequestLabels(client, pull) {
    const { data } = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .callGitHub */ .ur)(PULL_ROUTE, `pull request #${pull.pullNumber}`, () => client.rest.pulls.get({
        owner: pull.owner,
        repo: pull.repo,
        pull_number: pull.pullNumber
    }));
    return data.labels.map(label => label.name);
}
function describeFile(file) {
    return `${file.path} at ${shorten(file.ref)}`;
}
/** Shortens a commit SHA to 7 characters and leaves a branch or tag name as it is. */
function shorten(ref) {
    return /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : ref;
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
    const { data } = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .callGitHub */ .ur)(CONTENTS_ROUTE, describeFile(file), () => client.rest.repos.getContent({ ...file, mediaType: { format: 'raw' } }));
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
