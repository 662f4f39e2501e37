package partnertap

// Columns and descriptions every table shares.

// titleDescription describes each table's `title` column, Steampipe's standard display name.
const titleDescription = "The human name of the row."
