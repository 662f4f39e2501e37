package transform

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/iancoleman/strcase"
	"github.com/tkrajina/go-reflector/reflector"
	"github.com/turbot/go-kit/helpers"
)

// Patched: FieldValue (behind FromField, FromGo and FromCamel) runs for every column of every
// row. SDK v5.14.1 called go-kit v1.1.0's helpers.GetNestedFieldValueFromInterface, which
// compiles the regular expression of helpers.IsFieldArray on every call, and FieldValueGo
// converted the column name on every call. getNestedFieldValue, getFieldValue and isFieldArray
// are copies of GetNestedFieldValueFromInterface, GetFieldValueFromInterface and IsFieldArray
// that differ only in compiling the expression once, and matching it only against names that
// end in "]"; goFieldName caches the conversion.

var fieldArrayRegexp = regexp.MustCompile(`^(.*)\[(\d+)\]$`)

// getNestedFieldValue is helpers.GetNestedFieldValueFromInterface
func getNestedFieldValue(item interface{}, propertyPath string) (interface{}, bool) {
	var value interface{}
	var ok bool
	parent := item
	var pathSegments = strings.Split(propertyPath, ".")
	for _, fieldName := range pathSegments {
		// if there are any dots encoded in this segment, decode
		fieldName = helpers.UnescapePropertyName(fieldName)
		value, ok = getFieldValue(parent, fieldName)
		if !ok {
			return nil, false
		}
		// update parent for next iteration
		parent = value
	}
	return value, true
}

// getFieldValue is helpers.GetFieldValueFromInterface
func getFieldValue(i interface{}, fieldName string) (interface{}, bool) {
	// unescape property name
	fieldName = helpers.UnescapePropertyName(fieldName)
	obj := reflector.New(i)
	if arrayProperty, index, ok := isFieldArray(fieldName); ok {
		if arrVal, ok := getFieldValue(i, arrayProperty); ok {
			return helpers.GetArrayValue(arrVal, index)
		}
		return nil, false
	}

	if reflect.TypeOf(i).Kind() == reflect.Map {
		return obj.GetByKey(fieldName)
	}

	val, err := obj.Field(fieldName).Get()
	return val, err == nil
}

// isFieldArray is helpers.IsFieldArray
func isFieldArray(fieldName string) (string, int, bool) {
	// the expression only matches names ending in "]": skip matching the others
	if !strings.HasSuffix(fieldName, "]") {
		return "", 0, false
	}
	captureGroups := fieldArrayRegexp.FindStringSubmatch(fieldName)
	if len(captureGroups) == 0 {
		return "", 0, false
	}
	arrayName := captureGroups[1]
	// check if arrayName contains index and brackets - arr[12]
	// this would indicate a multi-level array which we do not support at present
	subGroups := fieldArrayRegexp.FindStringSubmatch(arrayName)
	if len(subGroups) > 0 {
		return "", 0, false
	}
	arrayIndex, err := strconv.Atoi(captureGroups[2])
	return arrayName, arrayIndex, err == nil
}

// goFieldNames maps a column name to FieldValueGo's property path for it
var goFieldNames sync.Map

func goFieldName(columnName string) string {
	if name, ok := goFieldNames.Load(columnName); ok {
		return name.(string)
	}
	// call lintName to make common initialisms upper case
	name := helpers.LintName(strcase.ToCamel(columnName))
	goFieldNames.Store(columnName, name)
	return name
}
