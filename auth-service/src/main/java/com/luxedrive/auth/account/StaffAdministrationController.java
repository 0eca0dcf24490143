package com.luxedrive.auth.account;

import com.luxedrive.security.LuxePrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** {@code /api/auth/admin/users}: staff read, admins write (see SecurityConfig). */
@RestController
@RequestMapping("/api/auth/admin/users")
class StaffAdministrationController {

    private final StaffAdministration administration;

    StaffAdministrationController(StaffAdministration administration) {
        this.administration = administration;
    }

    @GetMapping
    AccountApi.UserPage search(@RequestParam(required = false) @Size(max = 100) String q,
                               @RequestParam(required = false) @Pattern(regexp = "client|admin|support") String role,
                               @RequestParam(required = false) Boolean active,
                               @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                               @RequestParam(defaultValue = "createdAt")
                               @Pattern(regexp = "createdAt|email|lastName|lastLoginAt") String sort,
                               @RequestParam(defaultValue = "desc") @Pattern(regexp = "asc|desc") String direction) {
        Sort order = Sort.by(Sort.Direction.fromString(direction), sort).and(Sort.by("id"));
        return administration.search(q, role, active, PageRequest.of(page, size, order));
    }

    @GetMapping("/{id}")
    AccountApi.UserView one(@PathVariable UUID id) {
        return administration.one(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AccountApi.UserView createStaff(@Valid @RequestBody AccountApi.StaffRequest request,
                                    @AuthenticationPrincipal LuxePrincipal admin) {
        return administration.createStaff(request, admin.id());
    }

    @PostMapping("/{id}/deactivate")
    AccountApi.UserView deactivate(@PathVariable UUID id, @AuthenticationPrincipal LuxePrincipal admin) {
        return administration.deactivate(id, admin.id());
    }

    @PostMapping("/{id}/reactivate")
    AccountApi.UserView reactivate(@PathVariable UUID id, @AuthenticationPrincipal LuxePrincipal admin) {
        return administration.reactivate(id, admin.id());
    }
}
