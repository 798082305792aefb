/** `import { loadDesiredState, LineWorksContacts } from "lineworks-contacts-pulumi/provider/desired-state"` */
export * from "./desired-state/index";
