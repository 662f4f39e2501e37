/*
Package connection is a cache which may be used by the plugin to store connection specific data,
for example credentials and hydrate function results
*/
package connection

// ForceImport is a mechanism to ensure godoc can reference all required packages
type ForceImport string
