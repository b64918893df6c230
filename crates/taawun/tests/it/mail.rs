//! The outbox is delivered by an SMTP relay when one is configured: each message exactly once even
//! with several senders, a refused address set aside with its reason, the rest retried.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::sync::{Arc, Mutex};

use common::{Backend, TestApp};
use taawun_store::{Actor, NewMessage};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

both_backends!(outbox_is_delivered_once_by_smtp);

/// A minimal SMTP relay: accepts every message except for addresses starting with `refused@`,
/// and keeps what it received.
async fn fake_relay() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let kept = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let kept = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 fake relay\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            kept.lock().unwrap().push(std::mem::take(body));
                            data = None;
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 fake relay\r\n"
                    } else if upper.starts_with("RCPT") && upper.contains("REFUSED@") {
                        b"550 no such mailbox\r\n"
                    } else if upper.starts_with("DATA") {
                        data = Some(String::new());
                        b"354 go ahead\r\n"
                    } else if upper.starts_with("QUIT") {
                        write.write_all(b"221 bye\r\n").await.unwrap();
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

async fn outbox_is_delivered_once_by_smtp(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (port, received) = fake_relay().await;
    // The relay is this test's own; the domain looks real on purpose (a reserved one would be
    // set aside before the relay). Message 5 is to a demo address and phone 6 to a synthetic one.
    let messages: Vec<NewMessage> = (0..9)
        .map(|i| NewMessage {
            to_address: match i {
                3 => "refused@cooperative-ziz.ma".into(),
                5 => "manager@demo.taawun.example".into(),
                6 => "coop@example.ma".into(),
                _ => format!("coop{i}@cooperative-ziz.ma"),
            },
            lang: "ar".into(),
            topic: "test".into(),
            subject: "تذكير / Rappel".into(),
            body: format!("رسالة {i} — message {i}"),
            about: taawun_store::About::National,
        })
        .collect();
    app.store
        .enqueue_messages(&messages, "test", &Actor::System("test"))
        .await
        .unwrap();
    let mailer =
        taawun_web::mail::Mailer::new(&format!("smtp://127.0.0.1:{port}"), "office@example.ma").unwrap();
    // Two senders (two server processes) at the same time.
    let (a, b) = tokio::join!(
        taawun_web::mail::deliver_once(&app.store, &mailer, "process-a"),
        taawun_web::mail::deliver_once(&app.store, &mailer, "process-b"),
    );
    assert_eq!(a.unwrap() + b.unwrap(), 6);
    assert_eq!(received.lock().unwrap().len(), 6, "each message once");
    assert!(received.lock().unwrap().iter().any(|m| m.contains("Subject:")));
    // Nothing is sent twice on the next round, and the refused address is set aside with its reason.
    assert_eq!(
        taawun_web::mail::deliver_once(&app.store, &mailer, "process-a")
            .await
            .unwrap(),
        0
    );
    let outbox = app.store.outbox(Some("test"), 10).await.unwrap();
    let refused = outbox
        .iter()
        .find(|m| m.to_address.starts_with("refused@"))
        .unwrap();
    assert!(refused.sent_at.is_none());
    assert!(refused.last_error.as_deref().unwrap_or("").contains("550"));
    // Demo and generated data never reach a relay: set aside, with the reason.
    for synthetic in ["manager@demo.taawun.example", "coop@example.ma"] {
        let m = outbox.iter().find(|m| m.to_address == synthetic).unwrap();
        assert!(m.sent_at.is_none());
        assert!(m.last_error.as_deref().unwrap_or("").contains("synthetic"));
        assert!(!received.lock().unwrap().iter().any(|r| r.contains(synthetic)));
    }
    assert_eq!(outbox.iter().filter(|m| m.sent_at.is_some()).count(), 6);
    assert_eq!(app.store.outbox_pending_count().await.unwrap(), 3);
    app.stop().await;
}
