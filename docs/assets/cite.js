/* cite: see docs/assets/site.js for conventions. */
