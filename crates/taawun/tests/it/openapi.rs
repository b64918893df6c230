//! The OpenAPI document is part of the contract: any change to it shows up in review as a change
//! to the snapshot.
#![allow(clippy::unwrap_used)]

#[test]
fn openapi_document_snapshot() {
    let doc = serde_json::to_value(taawun_web::api::openapi()).unwrap();
    insta::assert_json_snapshot!(doc);
}
