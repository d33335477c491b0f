import Vapor
import Fluent
import FluentSQLiteDriver
import FluentPostgresDriver
public enum AppPlaceholder {}
