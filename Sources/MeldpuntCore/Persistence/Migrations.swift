import FluentKit
import SQLKit
