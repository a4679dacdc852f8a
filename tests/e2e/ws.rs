//! A GraphQL websocket client speaking graphql-transport-ws, for the
//! subscription tests.

use std::time::Duration;

use async_graphql::futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long a test waits for a message that should come.
pub const ARRIVES: Duration = Duration::from_secs(15);

/// A connection that has been acknowledged.
pub struct WsClient {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl WsClient {
    /// Opens `ws://{addr}/graphql` and sends `connection_init` with
    /// `payload`; returns the client once acknowledged, or the reason the
    /// server closed the connection.
    pub async fn connect_with(addr: &str, payload: Value) -> Result<Self, String> {
        let mut request = format!("ws://{addr}/graphql")
            .into_client_request()
            .unwrap();
        request.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            HeaderValue::from_static("graphql-transport-ws"),
        );
        let (mut socket, _) = tokio_tungstenite::connect_async(request)
            .await
            .expect("websocket handshake");
        socket
            .send(text(json!({"type": "connection_init", "payload": payload})))
            .await
            .unwrap();
        let mut client = Self { socket };
        match client.receive(ARRIVES).await {
            Some(Ok(message)) if message["type"] == "connection_ack" => Ok(client),
            Some(Ok(message)) => Err(format!("unexpected {message}")),
            Some(Err(reason)) => Err(reason),
            None => Err("no answer to connection_init".into()),
        }
    }

    /// [`Self::connect_with`] the token as an `Authorization` header value.
    pub async fn connect(addr: &str, token: &str) -> Self {
        Self::connect_with(addr, json!({"Authorization": format!("Bearer {token}")}))
            .await
            .expect("connection acknowledged")
    }

    /// Starts subscription `id`.
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        let message = json!({"id": id, "type": "subscribe",
            "payload": {"query": query, "variables": variables}});
        self.socket.send(text(message)).await.unwrap();
    }

    /// The next `next`, `error` or `complete` message, which must come
    /// within [`ARRIVES`].
    pub async fn next(&mut self) -> Value {
        match self.receive(ARRIVES).await {
            Some(Ok(message)) => message,
            Some(Err(reason)) => panic!("connection closed: {reason}"),
            None => panic!("no message within {ARRIVES:?}"),
        }
    }

    /// The next message for subscription `id`'s data: `payload.data`.
    pub async fn data(&mut self, id: &str) -> Value {
        let message = self.next().await;
        assert_eq!(message["id"], id, "{message}");
        assert_eq!(message["type"], "next", "{message}");
        assert!(message["payload"].get("errors").is_none(), "{message}");
        message["payload"]["data"].clone()
    }

    /// Waits for the server to close the connection, past messages still
    /// on their way; returns why.
    pub async fn closed(&mut self) -> String {
        loop {
            match self.receive(ARRIVES).await {
                Some(Err(reason)) => return reason,
                Some(Ok(_)) => {}
                None => panic!("the connection stayed open for {ARRIVES:?}"),
            }
        }
    }

    /// Whatever arrives within `wait`: `None` when nothing does.
    pub async fn quiet(&mut self, wait: Duration) -> Option<Value> {
        match self.receive(wait).await {
            Some(Ok(message)) => Some(message),
            Some(Err(reason)) => panic!("connection closed: {reason}"),
            None => None,
        }
    }

    /// Reads until a protocol message (answering pings), a close (its
    /// reason as the error), or `wait` passes (`None`).
    async fn receive(&mut self, wait: Duration) -> Option<Result<Value, String>> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let frame = tokio::time::timeout_at(deadline, self.socket.next())
                .await
                .ok()?;
            match frame {
                None => return Some(Err("closed".into())),
                Some(Err(err)) => return Some(Err(err.to_string())),
                Some(Ok(Message::Text(body))) => {
                    let message: Value = serde_json::from_str(&body).unwrap();
                    if message["type"] == "ping" {
                        self.socket
                            .send(text(json!({"type": "pong"})))
                            .await
                            .unwrap();
                        continue;
                    }
                    return Some(Ok(message));
                }
                Some(Ok(Message::Close(frame))) => {
                    return Some(Err(frame.map_or_else(
                        || "closed".to_owned(),
                        |f| format!("{} {}", u16::from(f.code), f.reason),
                    )));
                }
                Some(Ok(_)) => {}
            }
        }
    }
}

/// Waits until `n` subscriptions of the server on `store` listen, so that
/// an event raised next reaches them.
pub async fn listening(store: &callsight::store::Store, n: usize) {
    let deadline = tokio::time::Instant::now() + ARRIVES;
    while store.subscribers() < n {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{} of {n} subscriptions listening",
            store.subscribers()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn text(message: Value) -> Message {
    Message::Text(message.to_string().into())
}
