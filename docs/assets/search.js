/* search: see docs/assets/site.js for conventions. */
