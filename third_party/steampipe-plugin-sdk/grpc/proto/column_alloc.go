package proto

// NewColumn is a column holding value, made in one allocation with the oneof wrapper it points
// to. (patched: SDK v5.14.1 allocated the column and its wrapper apart, two allocations for every
// column of every row; the column is a field of a larger object now, which the collector keeps
// whole while the column is referenced.)
func NewColumn[V any, P interface {
	*V
	isColumn_Value
}](value V) *Column {
	both := &struct {
		column Column
		value  V
	}{value: value}
	both.column.Value = P(&both.value)
	return &both.column
}
