// Handlebars' compiler uses source-map only for source maps of templates, and falls back to its own
// code builder without it; this tool never asks for template source maps.
module.exports = {};
