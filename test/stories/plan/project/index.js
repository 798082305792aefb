module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();
