#pragma once

#include "SandboxState.h"

namespace bk::sandbox::graphql {

/// How a field of the simulated Admin API schema resolves.
struct FieldType {
    enum class Kind { Scalar, Object, Connection, List };
    Kind kind = Kind::Scalar;
    QString type; ///< scalar/object type name; for connections and lists the node type
};

/// The documented subset of the Shopify Admin GraphQL schema: QueryRoot.{customers,
/// products, orders}, their node types, MoneyV2/MoneyBag/MailingAddress, the nested
/// connections Product.variants and Order.lineItems, and the connection plumbing
/// (<T>Connection.edges/nodes/pageInfo, <T>Edge.cursor/node, PageInfo).
const FieldType* fieldOf(const QString& type, const QString& field);

/// Node type of a connection type name ("CustomerConnection" → "Customer"), else empty.
QString nodeTypeOf(const QString& connectionType);

/// Which REST collection a root connection reads.
QString resourceOfRoot(const QString& field);

/// Builds the full GraphQL object of a stored REST record (every field of the subset);
/// nested connections are {"__nodes":[…]} for the executor to page.
QJsonObject customerNode(const Record& record);
QJsonObject productNode(const Record& record);
QJsonObject orderNode(const Record& record, const SandboxState& s);

} // namespace bk::sandbox::graphql
