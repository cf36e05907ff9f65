// ansi-styles (under the prompts' wrap-ansi) loads color-convert only for its rgb/hex/ansi256
// colour getters, which nothing here reads; wrap-ansi uses its escape-code table alone.
module.exports = {};
