package api

// Page is Spring's Page envelope, as both API generations answer paged lists [doc].
type Page[T any] struct {
	Content          []T   `json:"content"`
	TotalElements    int64 `json:"totalElements"`
	TotalPages       int   `json:"totalPages"`
	Number           int   `json:"number"`
	Size             int   `json:"size"`
	NumberOfElements int   `json:"numberOfElements"`
	First            bool  `json:"first"`
	// Last is a pointer because the official client treats a missing `last` as the end [doc].
	Last     *bool     `json:"last"`
	Empty    bool      `json:"empty"`
	Sort     SortState `json:"sort"`
	Pageable *Pageable `json:"pageable,omitempty"`
}

// SortState is Spring's description of a page's sort.
type SortState struct {
	Sorted   bool `json:"sorted"`
	Unsorted bool `json:"unsorted"`
	Empty    bool `json:"empty"`
}

// Pageable is Spring's description of the page that was asked for.
type Pageable struct {
	PageNumber int       `json:"pageNumber"`
	PageSize   int       `json:"pageSize"`
	Offset     int64     `json:"offset"`
	Paged      bool      `json:"paged"`
	Unpaged    bool      `json:"unpaged"`
	Sort       SortState `json:"sort"`
}

// ErrorBody is Spring Boot's default error body, which both generations answer errors with [ours].
type ErrorBody struct {
	Timestamp string `json:"timestamp"`
	Status    int    `json:"status"`
	Error     string `json:"error"`
	Message   string `json:"message"`
	Path      string `json:"path"`
}

// AuthResponse is the body of a successful GET /api/auth [doc].
type AuthResponse struct {
	Token string `json:"token"`
}
