// The package's root program: applies the files of `lineworks-contacts:files`.
// A project of your own does the same after `npm install lineworks-contacts-pulumi`.
module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();
