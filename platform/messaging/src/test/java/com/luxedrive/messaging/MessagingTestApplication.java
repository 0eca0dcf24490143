package com.luxedrive.messaging;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A bare application: just the library's auto-configuration on a real database and broker. */
@SpringBootApplication
class MessagingTestApplication {
}
