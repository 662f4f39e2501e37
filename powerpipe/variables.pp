variable "max_pending_received_requests" {
  type        = number
  description = "A rep alarms when more partner requests than this wait for their answer."
  default     = 0
}

variable "max_pending_sent_requests" {
  type        = number
  description = "A rep alarms when more of their own partner requests than this are not answered yet."
  default     = 2
}

variable "min_login_rate_pct" {
  type        = number
  description = "A division alarms when a smaller share of its reps than this (in percent) has logged in."
  default     = 85
}

variable "max_chat_idle_days" {
  type        = number
  description = "A rep and partner pair alarms when their last chat is older than this many days."
  default     = 180
}

variable "max_partner_chat_idle_days" {
  type        = number
  description = "A partner org alarms when none of your reps has chatted with it for this many days."
  default     = 60
}
