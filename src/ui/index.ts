/** adqlkit ui: the browser workbench served by `adql ui` (page, TAP proxy, launch key). */
export { startWorkbench, type Workbench, type WorkbenchOptions } from './server/workbench.js';
export { WorkbenchError } from './errors.js';
export { KEY_HEADER, EMBEDDED_SERVICE, type ConnectAnswer, type ServiceDescription, type RegistryFound } from './protocol.js';
